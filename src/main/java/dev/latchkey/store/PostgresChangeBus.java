package dev.latchkey.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The change bus of nodes sharing one PostgreSQL database: a change is applied to this node's listeners
 * at once and sent to the other nodes with {@code pg_notify} on channel {@code latchkey_changes_<schema>}
 * (one channel per schema: notifications are database-wide, and servers in other schemas of one database
 * are other installations); a listener
 * thread per node holds one connection outside the pool with {@code LISTEN} and applies the other
 * nodes' changes as they arrive (milliseconds). Should that connection break, the thread reconnects
 * (backing off up to {@link #MAX_BACKOFF}) and then tells every listener {@link Change#everything()}:
 * changes sent meanwhile were missed, so caches reload from the database instead of staying stale.
 * Thread-safe.
 */
public final class PostgresChangeBus implements ChangeBus, AutoCloseable {

    private static final String CHANNEL_PREFIX = "latchkey_changes_";
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresChangeBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final String node = UUID.randomUUID().toString();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final String channel;
    private volatile Connection connection;

    public PostgresChangeBus(Database database) {
        this.database = database;
        String schema = database.jdbi().withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class)
                .one());
        this.channel = CHANNEL_PREFIX + schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        this.thread = Thread.ofPlatform().daemon().name("latchkey-changes").unstarted(this::listen);
    }

    /** Connects (LISTEN) before returning, so that no change committed after start is missed; then listens. */
    public PostgresChangeBus start() {
        try {
            connect();
        } catch (SQLException e) {
            LOG.warn("change bus: LISTEN failed ({}); retrying in the background", e.getMessage());
        }
        thread.start();
        return this;
    }

    @Override
    public void publish(Change change) {
        dispatch(change);
        ObjectNode payload = JSON.createObjectNode().put("node", node).put("kind", change.kind())
                .put("tenant", change.tenantId()).put("workspace", change.workspaceId()).put("id", change.id());
        try {
            database.jdbi().useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                    .bind("channel", channel).bind("payload", payload.toString()).mapTo(String.class).one());
        } catch (RuntimeException e) {
            LOG.warn("change bus: could not tell the other nodes about a {} change: {}", change.kind(), e.getMessage());
        }
    }

    @Override
    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }

    private void dispatch(Change change) {
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("change bus: a listener failed on a {} change", change.kind(), e);
            }
        }
    }

    private void connect() throws SQLException {
        Connection c = database.dedicatedConnection();
        try (Statement statement = c.createStatement()) {
            statement.execute("LISTEN " + channel);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connection = c;
    }

    private void listen() {
        long backoff = 100;
        while (running) {
            try {
                if (connection == null) {
                    connect();
                    LOG.info("change bus: listening again; caches reload what may have changed meanwhile");
                    dispatch(Change.everything());
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(1_000);
                backoff = 100;
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        receive(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("change bus: connection lost ({}); reconnecting", e.getMessage());
                closeConnection();
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void receive(String payload) {
        try {
            JsonNode json = JSON.readTree(payload);
            if (node.equals(json.path("node").asText())) {
                return; // applied when published
            }
            dispatch(new Change(text(json, "kind"), text(json, "tenant"), text(json, "workspace"), text(json, "id")));
        } catch (java.io.IOException e) {
            LOG.warn("change bus: ignored a malformed notification");
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        closeConnection();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
