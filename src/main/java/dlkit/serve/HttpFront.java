package dlkit.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The network side of a {@link ModelServer}: one thread that accepts connections and reads the requests of all of
 * them without blocking, so that a client sending a byte a second holds a small buffer, never a worker thread.
 * A request goes to the workers only once a {@link RequestReader} has read it in full and found it well formed;
 * the same thread writes their answers back. Limits keep any one client from holding on to the server:
 * <ul>
 * <li>a request must arrive in full within the request timeout of its first byte, else it gets a 408, and a
 *     client must take its answer within that time, else its connection is closed;</li>
 * <li>a connection idle between requests is closed after a minute;</li>
 * <li>at most {@value #MAX_CONNECTIONS} connections are open: one more closes the connection that has waited
 *     longest for its request to arrive, so a crowd of slow clients cannot lock out a new one.</li>
 * </ul>
 * A request the front refuses (malformed, over a limit, too slow, cut off) is answered through
 * {@link Handler#refuse}, and its connection is closed after the answer.
 */
final class HttpFront {

    /** What a server does with requests. */
    interface Handler {
        /** The answer to a complete, well-formed request; called on a worker thread, and must not throw. */
        Response handle(Request request);

        /**
         * The answer to a request refused before it was complete; called on the front's thread (or a worker's,
         * should {@link #handle} break its promise and throw).
         */
        Response refuse(HttpError error);

        /** Notes a client that left in the middle of its request or of its answer. */
        void abandoned();
    }

    /** The most connections open at once. */
    static final int MAX_CONNECTIONS = 256;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long STOP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int TICK_MILLIS = 100;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private enum State { READING, SERVING, WRITING, DRAINING }

    /** An answer from a worker, for the front's thread to write. */
    private record Answer(Connection connection, byte[] bytes, boolean close) { }

    private final Handler handler;
    private final ExecutorService workers;
    private final int maxBodyBytes;
    private final long timeoutNanos;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final InetSocketAddress address;
    private final Set<Connection> connections = new HashSet<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Listens on {@code address} and starts the front's thread.
     *
     * @throws java.net.BindException when another program holds the port
     */
    HttpFront(InetSocketAddress address, Handler handler, ExecutorService workers, int maxBodyBytes, Duration timeout)
            throws IOException {
        this.handler = handler;
        this.workers = workers;
        this.maxBodyBytes = maxBodyBytes;
        this.timeoutNanos = timeout.toNanos();
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, 128);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            this.address = (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            listener.close();
            selector.close();
            throw e;
        }
        // Not a daemon: like the JDK's own server, a running server keeps its program alive until stopped.
        thread = new Thread(this::run, "model-server-front-" + this.address.getPort());
        thread.start();
    }

    /** The address listened on, with the port chosen when port 0 was asked for. */
    InetSocketAddress address() {
        return address;
    }

    /**
     * Stops listening, closes the connections that wait for a request, lets the requests being served finish
     * (at most one second), then closes the rest. Returns when the port is free. Stopping twice is harmless.
     */
    void stop() {
        stopping = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.NANOSECONDS.toMillis(STOP_NANOS) + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean closing = false;
        long stopBy = 0;
        try {
            while (true) {
                selector.select(TICK_MILLIS);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    ready(key, now);
                }
                selector.selectedKeys().clear();
                writeAnswers(now);
                expire(now);
                if (stopping) {
                    if (!closing) {
                        closing = true;
                        stopBy = now + STOP_NANOS;
                        listener.close();
                    }
                    if (!closeWaiting() || now - stopBy > 0) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("model server: the network thread failed (" + e + "); the server stops");
        } finally {
            new ArrayList<>(connections).forEach(Connection::close);
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            listener.close();
            selector.close();
        } catch (IOException ignored) {
            // Closing: nothing is left to do with either.
        }
    }

    private void ready(SelectionKey key, long now) {
        if (key.channel() == listener) {
            accept(now);
            return;
        }
        Connection connection = (Connection) key.attachment();
        if (!key.isValid()) {
            return;
        }
        step(connection, () -> {
            if (key.isReadable()) {
                connection.readable(now);
            } else if (key.isWritable()) {
                connection.flush(now);
            }
        });
    }

    /** Something done to one connection that may fail with it. */
    private interface Step {
        void run() throws IOException;
    }

    /** Does {@code step}; when the connection breaks, or the step has a bug, closes the connection alone. */
    private void step(Connection connection, Step step) {
        try {
            step.run();
        } catch (IOException | CancelledKeyException e) {
            connection.failed();
        } catch (RuntimeException e) {
            System.err.println("model server: a connection failed (" + e + "); it is closed, the server goes on");
            connection.failed();
        }
    }

    private void accept(long now) {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS && !evictLongestWaiting()) {
                close(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connections.add(new Connection(channel, now));
            } catch (IOException e) {
                close(channel);
            }
        }
    }

    /** Closes the connection that has waited longest for its request; false when every connection is being served. */
    private boolean evictLongestWaiting() {
        Connection longest = null;
        for (Connection c : connections) {
            boolean waiting = c.state == State.READING || c.state == State.DRAINING;
            if (waiting && (longest == null || c.since - longest.since < 0)) {
                longest = c;
            }
        }
        if (longest != null) {
            longest.close();
        }
        return longest != null;
    }

    private void writeAnswers(long now) {
        for (Answer next = answers.poll(); next != null; next = answers.poll()) {
            Answer answer = next;
            Connection connection = answer.connection();
            if (connections.contains(connection)) {
                step(connection, () -> connection.send(answer.bytes(), answer.close(), now));
            }
        }
    }

    private void expire(long now) {
        for (Connection connection : new ArrayList<>(connections)) {
            if (connection.state != State.SERVING && now - connection.deadline > 0) {
                step(connection, () -> connection.expired(now));
            }
        }
    }

    /** While stopping: closes the connections not being served; whether any are left (being served or answered). */
    private boolean closeWaiting() {
        for (Connection connection : new ArrayList<>(connections)) {
            if (connection.state == State.READING || connection.state == State.DRAINING) {
                connection.close();
            }
        }
        return !connections.isEmpty();
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // It is gone either way.
        }
    }

    /**
     * One client connection, touched only by the front's thread (a worker only hands its answer over). It reads a
     * request, has it served, writes the answer, and reads the next, or after an answer that closes it, shuts its
     * output and reads what the client still sends for a moment, so the answer is not lost to a reset.
     */
    private final class Connection {
        private final SocketChannel channel;
        private final SelectionKey key;
        private State state = State.READING;
        private RequestReader reader = new RequestReader(maxBodyBytes);
        private byte[] rest;
        private ByteBuffer output;
        private boolean closeAfter;
        private long since;
        private long deadline;

        Connection(SocketChannel channel, long now) throws IOException {
            this.channel = channel;
            this.key = channel.register(selector, SelectionKey.OP_READ, this);
            this.since = now;
            this.deadline = now + IDLE_NANOS;
        }

        void readable(long now) throws IOException {
            input.clear();
            int n = channel.read(input);
            if (state == State.DRAINING) {
                if (n < 0) {
                    close();
                }
            } else if (n < 0) {
                endOfInput(now);
            } else if (n > 0) {
                consume(input.array(), 0, n, now);
            }
        }

        private void consume(byte[] data, int offset, int length, long now) throws IOException {
            boolean fresh = !reader.started();
            int used;
            try {
                used = reader.read(data, offset, length);
            } catch (HttpError e) {
                refuse(e, now);
                return;
            }
            if (fresh) {
                since = now;
                deadline = now + timeoutNanos;
            }
            boolean waitsForContinue = reader.takeContinue() && !reader.complete();
            if (waitsForContinue && channel.write(ByteBuffer.wrap(CONTINUE)) < CONTINUE.length) {
                close();
                return;
            }
            if (reader.complete()) {
                rest = used < length ? Arrays.copyOfRange(data, offset + used, offset + length) : null;
                dispatch();
            }
        }

        private void dispatch() {
            Request request = reader.request();
            state = State.SERVING;
            key.interestOps(0);
            try {
                workers.execute(() -> serve(request));
            } catch (RejectedExecutionException e) {
                close();
            }
        }

        /** On a worker thread: the answer, handed to the front's thread to write. */
        private void serve(Request request) {
            Response response;
            try {
                response = handler.handle(request);
            } catch (RuntimeException | Error e) {
                response = handler.refuse(new HttpError(500, "the server failed on this request (" + e + "); the "
                        + "server goes on running"));
            }
            boolean close = !request.keepAlive() || stopping;
            answers.add(new Answer(this, response.bytes(request.head(), close), close));
            selector.wakeup();
        }

        private void refuse(HttpError error, long now) throws IOException {
            Response response = handler.refuse(error);
            send(response.bytes("HEAD".equals(reader.method()), true), true, now);
        }

        void send(byte[] bytes, boolean close, long now) throws IOException {
            output = ByteBuffer.wrap(bytes);
            closeAfter = close;
            state = State.WRITING;
            deadline = now + timeoutNanos;
            flush(now);
        }

        void flush(long now) throws IOException {
            channel.write(output);
            if (output.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
            } else if (closeAfter) {
                linger(now);
            } else {
                next(now);
            }
        }

        /** Gets ready for the next request, and reads it at once when it came right after the last one. */
        private void next(long now) throws IOException {
            output = null;
            reader = new RequestReader(maxBodyBytes);
            state = State.READING;
            since = now;
            deadline = now + IDLE_NANOS;
            key.interestOps(SelectionKey.OP_READ);
            if (rest != null) {
                byte[] data = rest;
                rest = null;
                consume(data, 0, data.length, now);
            }
        }

        private void linger(long now) {
            output = null;
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                close();
                return;
            }
            state = State.DRAINING;
            deadline = now + LINGER_NANOS;
            key.interestOps(SelectionKey.OP_READ);
        }

        private void endOfInput(long now) throws IOException {
            if (reader.started()) {
                refuse(new HttpError(400, "the request ended early: " + reader.progress() + "; send the whole "
                        + "request"), now);
            } else {
                close();
            }
        }

        void expired(long now) throws IOException {
            switch (state) {
                case READING -> {
                    if (reader.started()) {
                        refuse(new HttpError(408, "the request took longer than " + seconds(timeoutNanos) + " to "
                                + "arrive (" + reader.progress() + "); send the whole request at once"), now);
                    } else {
                        close();
                    }
                }
                case WRITING -> {
                    handler.abandoned();
                    close();
                }
                default -> close();
            }
        }

        /** The client reset the connection, or it broke: a request or answer under way is abandoned. */
        void failed() {
            if ((state == State.READING && reader.started()) || state == State.WRITING) {
                handler.abandoned();
            }
            close();
        }

        void close() {
            if (connections.remove(this)) {
                key.cancel();
                HttpFront.close(channel);
            }
        }
    }

    private static String seconds(long nanos) {
        double seconds = nanos / 1e9;
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds)) + " s";
    }
}
