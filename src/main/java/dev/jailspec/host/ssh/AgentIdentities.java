package dev.jailspec.host.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The keys of a running ssh-agent ({@code SSH_AUTH_SOCK}), offered at login as ssh(1) offers them.
 * MINA's own agent client needs Apache Tomcat's native library for unix sockets; this one speaks
 * the agent protocol (draft-miller-ssh-agent, section 3: REQUEST_IDENTITIES 11 / IDENTITIES_ANSWER
 * 12, SIGN_REQUEST 13 / SIGN_RESPONSE 14, FAILURE 5) over the JDK's unix-domain socket channel. It
 * only lists and signs: keys are added with ssh-add, never by jailspec.
 */
final class AgentIdentities implements SshAgent {
    private static final int FAILURE = 5, REQUEST_IDENTITIES = 11, IDENTITIES_ANSWER = 12, SIGN_REQUEST = 13,
            SIGN_RESPONSE = 14;
    // draft-miller-ssh-agent 3.6.1: the flags asking an RSA key for an rsa-sha2 signature.
    private static final int RSA_SHA2_256 = 2, RSA_SHA2_512 = 4;

    private final Path socket;
    private SocketChannel channel;

    AgentIdentities(Path socket) {
        this.socket = socket;
    }

    /** The factory MINA asks for an agent at each login. */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of();  // no agent forwarding to the host
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) {
                return new AgentIdentities(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("jailspec does not forward the agent");
            }
        };
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        Buffer reply = request(new ByteArrayBuffer(), REQUEST_IDENTITIES, IDENTITIES_ANSWER);
        int count = reply.getInt();
        var keys = new ArrayList<Map.Entry<PublicKey, String>>(count);
        for (int i = 0; i < count; i++) {
            PublicKey key = new ByteArrayBuffer(reply.getBytes()).getRawPublicKey();
            keys.add(new SimpleImmutableEntry<>(key, reply.getString()));
        }
        return keys;
    }

    @Override
    public Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algo, byte[] data) throws IOException {
        var body = new ByteArrayBuffer();
        body.putPublicKey(key);
        body.putBytes(data);
        body.putUInt("rsa-sha2-256".equals(algo) ? RSA_SHA2_256 : "rsa-sha2-512".equals(algo) ? RSA_SHA2_512 : 0);
        Buffer reply = request(body, SIGN_REQUEST, SIGN_RESPONSE);
        Buffer signature = new ByteArrayBuffer(reply.getBytes());
        return new SimpleImmutableEntry<>(signature.getString(), signature.getBytes());
    }

    private synchronized Buffer request(Buffer body, int type, int expected) throws IOException {
        if (channel == null) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        }
        int length = body.available() + 1;
        ByteBuffer out = ByteBuffer.allocate(4 + length).putInt(length).put((byte) type)
                .put(body.array(), body.rpos(), body.available()).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer header = read(4);
        int replyLength = header.getInt();
        if (replyLength < 1 || replyLength > 256 * 1024) {
            throw new IOException("the ssh-agent at " + socket + " answered a message of " + replyLength + " bytes");
        }
        ByteBuffer reply = read(replyLength);
        int replyType = reply.get() & 0xff;
        if (replyType != expected) {
            throw new IOException("the ssh-agent at " + socket + " refused (" + (replyType == FAILURE ? "SSH_AGENT_FAILURE"
                    : "message type " + replyType) + ")");
        }
        byte[] rest = new byte[reply.remaining()];
        reply.get(rest);
        return new ByteArrayBuffer(rest);
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the ssh-agent at " + socket + " closed the connection");
            }
        }
        return buffer.flip();
    }

    @Override
    public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) {
        throw new UnsupportedOperationException("jailspec never adds keys to the agent; use ssh-add");
    }

    @Override
    public void removeIdentity(PublicKey key) {
        throw new UnsupportedOperationException("jailspec never removes keys from the agent; use ssh-add -d");
    }

    @Override
    public void removeAllIdentities() {
        throw new UnsupportedOperationException("jailspec never removes keys from the agent; use ssh-add -D");
    }

    @Override
    public boolean isOpen() {
        return channel == null || channel.isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
