package dev.latchkey.keys;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The five-field cron dialect of automatic key rotation (robfig/cron's standard parser, UTC). */
class CronScheduleTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).next(at(after)).orElseThrow();
    }

    @Test
    void everyMinuteFiresAtTheNextWholeMinute() {
        assertThat(next("* * * * *", "2030-01-01T10:15:30Z")).isEqualTo(at("2030-01-01T10:16:00Z"));
        // strictly after: a time that is itself a firing time gives the following one
        assertThat(next("* * * * *", "2030-01-01T10:15:00Z")).isEqualTo(at("2030-01-01T10:16:00Z"));
    }

    @Test
    void fixedTimeRollsOverToTheNextDayMonthAndYear() {
        assertThat(next("30 2 * * *", "2030-01-01T02:30:00Z")).isEqualTo(at("2030-01-02T02:30:00Z"));
        assertThat(next("0 0 1 * *", "2030-01-31T12:00:00Z")).isEqualTo(at("2030-02-01T00:00:00Z"));
        assertThat(next("0 0 1 1 *", "2030-06-01T00:00:00Z")).isEqualTo(at("2031-01-01T00:00:00Z"));
    }

    @Test
    void listsRangesAndSteps() {
        assertThat(next("*/15 * * * *", "2030-01-01T10:16:00Z")).isEqualTo(at("2030-01-01T10:30:00Z"));
        assertThat(next("0 9-17/4 * * *", "2030-01-01T13:00:00Z")).isEqualTo(at("2030-01-01T17:00:00Z"));
        assertThat(next("5,10 * * * *", "2030-01-01T10:06:00Z")).isEqualTo(at("2030-01-01T10:10:00Z"));
        // "N/step" means N to the end of the range
        assertThat(next("50/5 * * * *", "2030-01-01T10:56:00Z")).isEqualTo(at("2030-01-01T11:50:00Z"));
    }

    @Test
    void namesOfMonthsAndDaysAndSundayAsSeven() {
        // 2030-01-01 is a Tuesday
        assertThat(next("0 0 * * MON", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-01-07T00:00:00Z"));
        assertThat(next("0 0 * * 7", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-01-06T00:00:00Z"));
        assertThat(next("0 0 * * sun", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-01-06T00:00:00Z"));
        assertThat(next("0 0 1 mar *", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-03-01T00:00:00Z"));
        assertThat(next("0 0 * * FRI-SAT", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-01-04T00:00:00Z"));
        assertThat(next("0 0 * * 6-7", "2030-01-06T00:00:00Z")).isEqualTo(at("2030-01-12T00:00:00Z"));
        assertThat(next("0 0 * * 6-7", "2030-01-05T00:00:00Z")).isEqualTo(at("2030-01-06T00:00:00Z"));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEitherAsInVixieCron() {
        // the 15th or any Monday: Monday 2030-01-07 comes first
        assertThat(next("0 0 15 * 1", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-01-07T00:00:00Z"));
        // with a star in one of them both must match: a star day-of-week leaves only the 13th
        assertThat(next("0 0 13 * *", "2030-01-14T00:00:00Z")).isEqualTo(at("2030-02-13T00:00:00Z"));
        assertThat(next("0 0 */1 * FRI", "2030-01-01T00:00:00Z")).isEqualTo(at("2030-01-04T00:00:00Z"));
    }

    @Test
    void descriptors() {
        assertThat(next("@daily", "2030-01-01T10:00:00Z")).isEqualTo(at("2030-01-02T00:00:00Z"));
        assertThat(next("@midnight", "2030-01-01T10:00:00Z")).isEqualTo(at("2030-01-02T00:00:00Z"));
        assertThat(next("@hourly", "2030-01-01T10:00:00Z")).isEqualTo(at("2030-01-01T11:00:00Z"));
        assertThat(next("@weekly", "2030-01-01T10:00:00Z")).isEqualTo(at("2030-01-06T00:00:00Z"));
        assertThat(next("@monthly", "2030-01-01T10:00:00Z")).isEqualTo(at("2030-02-01T00:00:00Z"));
        assertThat(next("@yearly", "2030-01-01T10:00:00Z")).isEqualTo(at("2031-01-01T00:00:00Z"));
        assertThat(next("@ANNUALLY", "2030-01-01T10:00:00Z")).isEqualTo(at("2031-01-01T00:00:00Z"));
    }

    @Test
    void leapDayFiresEvenAcrossTheGapAround2100() {
        assertThat(next("0 0 29 2 *", "2030-01-01T00:00:00Z")).isEqualTo(at("2032-02-29T00:00:00Z"));
        assertThat(next("0 0 29 2 *", "2096-03-01T00:00:00Z")).isEqualTo(at("2104-02-29T00:00:00Z"));
    }

    @Test
    void invalidExpressionsAreRejectedWithAReason() {
        for (String bad : List.of("", "   ", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *",
                "* * 32 * *", "* * * 13 * ", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *", "1,,2 * * * *",
                "-1 * * * *", "@every 1h", "@reboot", "0 0 30 2 *", "0 0 31 4,6,9,11 *", "1-2-3 * * * *",
                "* * * JANUARY *", "99999 * * * *", "*/ * * * *", "0 0 * * FRI-SUN")) {
            assertThatThrownBy(() -> CronSchedule.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("Exception");
        }
    }

    @Test
    void expressionIsKeptAsGiven() {
        assertThat(CronSchedule.parse(" 0 3 * * * ").expression()).isEqualTo("0 3 * * *");
    }
}
