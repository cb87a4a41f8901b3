package dev.latchkey.store;

import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** Server-wide named values (the master key check value, the bootstrap marker). */
public final class Settings {

    private final Jdbi jdbi;

    public Settings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM settings WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /** Inserts {@code name}; throws a duplicate-key error if another node inserted it first. */
    public void insert(String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings (name, setting_value) VALUES (:name, :value)")
                .bind("name", name).bind("value", value).execute());
    }
}
