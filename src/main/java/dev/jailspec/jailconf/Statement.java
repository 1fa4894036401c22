package dev.jailspec.jailconf;

/** One statement of a jail.conf file, in file order. */
public sealed interface Statement permits Parameter, VariableDefinition, Include, JailBlock, Comment {
}
