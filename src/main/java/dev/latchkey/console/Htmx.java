package dev.latchkey.console;

import dev.latchkey.support.Webjars;

/**
 * htmx, the console's progressive enhancement (live search, paging in place), from the
 * {@code org.webjars.npm:htmx.org} jar on the classpath (the pom names its version once). The console serves it
 * itself at {@link #SRC}: the version in the query makes a new release a new URL, so the script may be cached for
 * long. Pages work without it.
 */
public final class Htmx {

    public static final String VERSION = Webjars.version("org.webjars.npm", "htmx.org");
    /** Where the pages load it from. */
    public static final String SRC = "/app/htmx.min.js?v=" + VERSION;
    /** The minified script in the jar. */
    public static final String RESOURCE = "/META-INF/resources/webjars/htmx.org/" + VERSION + "/dist/htmx.min.js";

    private Htmx() {
    }
}
