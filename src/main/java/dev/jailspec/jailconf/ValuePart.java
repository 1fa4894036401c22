package dev.jailspec.jailconf;

/** A piece of a value: literal text or a variable reference. */
public sealed interface ValuePart permits Literal, VariableRef {
}
