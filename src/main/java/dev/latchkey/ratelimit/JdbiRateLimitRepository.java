package dev.latchkey.ratelimit;

import dev.latchkey.support.GoDuration;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link RateLimitRepository} over JDBI (table {@code rate_limits}). */
public final class JdbiRateLimitRepository implements RateLimitRepository {

    private final Jdbi jdbi;

    public JdbiRateLimitRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Row(String tenantId, String module, long rate, long burst, String period) {
    }

    @Override
    public Map<String, Map<ApiGroup, RateLimit>> all() {
        List<Row> rows = jdbi.withHandle(h -> h.createQuery(
                        "SELECT tenant_id, module, rate, burst, period FROM rate_limits")
                .map((rs, ctx) -> new Row(rs.getString("tenant_id"), rs.getString("module"), rs.getLong("rate"),
                        rs.getLong("burst"), rs.getString("period"))).list());
        Map<String, Map<ApiGroup, RateLimit>> out = new HashMap<>();
        for (Row row : rows) {
            ApiGroup.ofModule(row.module()).ifPresent(group -> out.computeIfAbsent(row.tenantId(),
                    t -> new HashMap<>()).put(group, new RateLimit(row.rate(), row.burst(),
                    GoDuration.parse(row.period()))));
        }
        return out;
    }

    @Override
    public void put(String tenantId, ApiGroup group, RateLimit limit) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM rate_limits WHERE tenant_id = :tid AND module = :module")
                    .bind("tid", tenantId).bind("module", group.module()).execute();
            h.createUpdate("""
                            INSERT INTO rate_limits (tenant_id, module, rate, burst, period)
                            VALUES (:tid, :module, :rate, :burst, :period)""")
                    .bind("tid", tenantId).bind("module", group.module()).bind("rate", limit.rate())
                    .bind("burst", limit.burst()).bind("period", GoDuration.format(limit.period())).execute();
        });
    }

    @Override
    public boolean delete(String tenantId, ApiGroup group) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM rate_limits WHERE tenant_id = :tid AND module = :module")
                .bind("tid", tenantId).bind("module", group.module()).execute()) > 0;
    }
}
