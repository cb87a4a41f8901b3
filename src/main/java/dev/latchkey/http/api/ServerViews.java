package dev.latchkey.http.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.support.Json;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The answers of getAuthorizationServer and getWorkspace (a workspace's {@code ServerResponse}: JSON and ETag),
 * cached per workspace so that an Admin API read costs the token's verification and little more (issue 8).
 * Building one reads the workspace and its keys from the database, decrypts the workspace's secrets, and
 * writes and hashes the JSON. A cached answer is served only while no change has been published on the
 * {@link ChangeBus} since its building began (token revocations aside, which change no workspace): every
 * management write publishes its change after its commit (this node's listeners at once, the other nodes'
 * within the bus's delay), so a read never returns what a change committed before it replaced, on this node,
 * and on another node once the change has reached it, as for the token endpoint's cached workspaces. Any change
 * anywhere drops every cached answer: writes are rare next to reads, and the rule cannot miss a change that
 * touches a workspace's answer indirectly. Thread-safe.
 */
final class ServerViews {

    /** A workspace's answer, built when the change count was {@code changes}. */
    record View(byte[] json, String etag, long changes) {
    }

    private record Key(String tenantId, String workspaceId) {
    }

    private final Cache<Key, View> cache = Caffeine.newBuilder().maximumSize(10_000).build();
    private final AtomicLong changes = new AtomicLong();

    ServerViews(ChangeBus bus) {
        bus.subscribe(change -> {
            if (!Change.REVOCATION.equals(change.kind()) && !Change.SUBJECT_REVOCATION.equals(change.kind())) {
                changes.incrementAndGet();
            }
        });
    }

    /** The workspace's answer: cached, or built by {@code build} (which throws for an unknown workspace). */
    View get(String tenantId, String workspaceId, Supplier<Object> build) {
        Key key = new Key(tenantId, workspaceId);
        long now = changes.get();
        View cached = cache.getIfPresent(key);
        if (cached != null && cached.changes() == now) {
            return cached;
        }
        byte[] json = Json.bytes(build.get());
        View view = new View(json, ETags.of(json), now);
        cache.put(key, view);
        return view;
    }
}
