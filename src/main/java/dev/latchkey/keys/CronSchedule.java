package dev.latchkey.keys;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}), evaluated in
 * UTC, for automatic key rotation. The dialect is that of Go's robfig/cron {@code ParseStandard}, which
 * Cloudentity's Go services use: {@code *} and {@code ?}, lists, ranges, steps ({@code *}{@code /15},
 * {@code 1-30/2}, {@code 5/10}), month and weekday names ({@code JAN}, {@code MON}), weekday 7 as Sunday
 * (Vixie cron), and the descriptors {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight}, {@code @hourly}. As in Vixie cron, when both day fields are
 * restricted a day matches if either does; when one of them starts with {@code *} both must. A written
 * dependency-free parser (about as long as the code that would adapt a library to these rules).
 * Immutable and thread-safe.
 */
public final class CronSchedule {

    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Long enough for Feb 29 on a given weekday and for the 8-year leap-year gap around 2100. */
    private static final int SEARCH_DAYS = 366 * 12;

    private final String expression;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayStar;

    private CronSchedule(String expression, long minutes, long hours, long daysOfMonth, long months,
                         long daysOfWeek, boolean dayStar) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayStar = dayStar;
    }

    /**
     * Parses {@code expression}.
     *
     * @throws IllegalArgumentException with a public message when it is not a valid expression, or names
     *                                  no day that exists (such as {@code 0 0 30 2 *})
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty");
        }
        String text = expression.strip();
        String expanded = DESCRIPTORS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        if (expanded.startsWith("@")) {
            throw new IllegalArgumentException("unknown cron descriptor " + text);
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month "
                    + "day-of-week), got " + fields.length);
        }
        long dow = field(fields[4], 0, 7, DAYS, "day-of-week");
        if ((dow & (1L << 7)) != 0) {
            dow = (dow | 1L) & ~(1L << 7);
        }
        CronSchedule schedule = new CronSchedule(text,
                field(fields[0], 0, 59, List.of(), "minute"),
                field(fields[1], 0, 23, List.of(), "hour"),
                field(fields[2], 1, 31, List.of(), "day-of-month"),
                field(fields[3], 1, 12, MONTHS, "month"),
                dow,
                isStar(fields[2]) || isStar(fields[4]));
        if (schedule.next(Instant.parse("2000-01-01T00:00:00Z")).isEmpty()) {
            throw new IllegalArgumentException("the cron expression never fires");
        }
        return schedule;
    }

    /** The first firing time strictly after {@code after} (whole minutes, UTC); empty if there is none. */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime start = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!matchesDay(day)) {
                continue;
            }
            boolean first = day.equals(start.toLocalDate());
            for (int h = first ? start.getHour() : 0; h < 24; h++) {
                if ((hours & (1L << h)) == 0) {
                    continue;
                }
                int fromMinute = first && h == start.getHour() ? start.getMinute() : 0;
                for (int m = fromMinute; m < 60; m++) {
                    if ((minutes & (1L << m)) != 0) {
                        return Optional.of(day.atTime(h, m).toInstant(ZoneOffset.UTC));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public String expression() {
        return expression;
    }

    private boolean matchesDay(LocalDate day) {
        if ((months & (1L << day.getMonthValue())) == 0) {
            return false;
        }
        boolean dom = (daysOfMonth & (1L << day.getDayOfMonth())) != 0;
        boolean dow = (daysOfWeek & (1L << (day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0
                : day.getDayOfWeek().getValue()))) != 0;
        return dayStar ? dom && dow : dom || dow;
    }

    private static boolean isStar(String field) {
        return field.startsWith("*") || field.startsWith("?");
    }

    /** The set of values of one field as a bit mask: a comma list of {@code *}, values, ranges, steps. */
    private static long field(String text, int min, int max, List<String> names, String name) {
        long bits = 0;
        for (String part : text.split(",", -1)) {
            bits |= part(part, min, max, names, name);
        }
        return bits;
    }

    private static long part(String part, int min, int max, List<String> names, String name) {
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(part.substring(slash + 1), 1, max - min + 1, List.of(), 0, name + " step");
        }
        int low;
        int high;
        if (range.equals("*") || range.equals("?")) {
            low = min;
            high = max;
        } else {
            int dash = range.indexOf('-');
            low = number(dash >= 0 ? range.substring(0, dash) : range, min, max, names, min, name);
            high = dash >= 0 ? number(range.substring(dash + 1), min, max, names, min, name)
                    : slash >= 0 ? max : low;
            if (low > high) {
                throw new IllegalArgumentException("invalid " + name + " range " + range);
            }
        }
        long bits = 0;
        for (int v = low; v <= high; v += step) {
            bits |= 1L << v;
        }
        return bits;
    }

    private static int number(String text, int min, int max, List<String> names, int nameBase, String name) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + nameBase;
        }
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid " + name + " value '" + text + "'");
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " value " + value + " is out of range " + min + "-" + max);
        }
        return value;
    }
}
