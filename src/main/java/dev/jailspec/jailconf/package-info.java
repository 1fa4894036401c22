/**
 * jail.conf(5): a model of the file, a parser that agrees with FreeBSD 14+'s own
 * ({@code usr.sbin/jail/jaillex.l}, {@code jailparse.y}), a canonical renderer, include loading
 * and the effective parameters of one jail as {@code config.c} computes them.
 *
 * <pre>{@code
 * JailConf conf = JailConfParser.parse(text, "/etc/jail.conf");     // JailConfException on errors
 * String canonical = JailConfRenderer.render(conf);                   // parses back to conf
 *
 * JailConfSet set = JailConfLoader.load("/etc/jail.conf", JailConfFiles.under(hostRoot));
 * JailParameters lrdev = set.effective("lrdev").orElseThrow();
 * lrdev.value("path");                // Optional["/zdata/jails/containers/lrdev"]
 * lrdev.values("exec.prestart");      // every command, variables substituted
 * lrdev.flag("allow.mount");          // true; "allow.nomount;" would make it false
 * set.includesPath("/etc/jail.conf.d/");
 * }</pre>
 *
 * <p>Error messages are jail(8)'s stderr lines, {@code jail: } prefix included. The package
 * depends on the JDK only.
 */
package dev.jailspec.jailconf;
