package dev.jailspec.sim;

/**
 * The accounts of a fresh FreeBSD host: {@code /etc/passwd} as pwd_mkdb(8) -p writes it from
 * etc/master.passwd (read at freebsd-src commit 023fc80e: the class, change and expire fields
 * dropped, the password field {@code *}) and {@code /etc/group} (etc/group, read at freebsd-src
 * commit 039ea811, a 2012 revision) [UNVERIFIED: neither file read at releng/14.3; groups added
 * since 2012 (unbound, ntpd, tests, ...) are missing from this copy]. Root's bsdtar maps an
 * archive's owner names through them ({@link TarOwners}).
 */
final class HostAccounts {
    static final String PASSWD = """
            root:*:0:0:Charlie &:/root:/bin/csh
            toor:*:0:0:Bourne-again Superuser:/root:
            daemon:*:1:1:Owner of many system processes:/root:/usr/sbin/nologin
            operator:*:2:5:System &:/:/usr/sbin/nologin
            bin:*:3:7:Binaries Commands and Source:/:/usr/sbin/nologin
            tty:*:4:65533:Tty Sandbox:/:/usr/sbin/nologin
            kmem:*:5:65533:KMem Sandbox:/:/usr/sbin/nologin
            games:*:7:13:Games pseudo-user:/:/usr/sbin/nologin
            news:*:8:8:News Subsystem:/:/usr/sbin/nologin
            man:*:9:9:Mister Man Pages:/usr/share/man:/usr/sbin/nologin
            sshd:*:22:22:Secure Shell Daemon:/var/empty:/usr/sbin/nologin
            smmsp:*:25:25:Sendmail Submission User:/var/spool/clientmqueue:/usr/sbin/nologin
            mailnull:*:26:26:Sendmail Default User:/var/spool/mqueue:/usr/sbin/nologin
            bind:*:53:53:Bind Sandbox:/:/usr/sbin/nologin
            unbound:*:59:59:Unbound DNS Resolver:/var/unbound:/usr/sbin/nologin
            proxy:*:62:62:Packet Filter pseudo-user:/nonexistent:/usr/sbin/nologin
            _pflogd:*:64:64:pflogd privsep user:/var/empty:/usr/sbin/nologin
            _dhcp:*:65:65:dhcp programs:/var/empty:/usr/sbin/nologin
            uucp:*:66:66:UUCP pseudo-user:/var/spool/uucppublic:/usr/local/libexec/uucp/uucico
            pop:*:68:6:Post Office Owner:/nonexistent:/usr/sbin/nologin
            auditdistd:*:78:77:Auditdistd unprivileged user:/var/empty:/usr/sbin/nologin
            www:*:80:80:World Wide Web Owner:/nonexistent:/usr/sbin/nologin
            ntpd:*:123:123:NTP Daemon:/var/db/ntp:/usr/sbin/nologin
            _ypldap:*:160:160:YP LDAP unprivileged user:/var/empty:/usr/sbin/nologin
            hast:*:845:845:HAST unprivileged user:/var/empty:/usr/sbin/nologin
            tests:*:977:977:Unprivileged user for tests:/nonexistent:/usr/sbin/nologin
            nobody:*:65534:65534:Unprivileged user:/nonexistent:/usr/sbin/nologin
            """;

    static final String GROUP = """
            wheel:*:0:root
            daemon:*:1:
            kmem:*:2:
            sys:*:3:
            tty:*:4:
            operator:*:5:root
            mail:*:6:
            bin:*:7:
            news:*:8:
            man:*:9:
            games:*:13:
            ftp:*:14:
            staff:*:20:
            sshd:*:22:
            smmsp:*:25:
            mailnull:*:26:
            guest:*:31:
            bind:*:53:
            proxy:*:62:
            authpf:*:63:
            _pflogd:*:64:
            _dhcp:*:65:
            uucp:*:66:
            dialer:*:68:
            network:*:69:
            audit:*:77:
            www:*:80:
            hast:*:845:
            nogroup:*:65533:
            nobody:*:65534:
            """;

    private HostAccounts() {
    }
}
