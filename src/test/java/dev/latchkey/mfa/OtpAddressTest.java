package dev.latchkey.mfa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The addresses a one-time password may go to: strict email addresses, E.164 phone numbers. */
class OtpAddressTest {

    @Test
    void plainEmailAddressesPass() {
        for (String address : List.of("alice@example.com", "a.b+tag@sub.example.org", "x@localhost",
                "o'brien@example.ie", "user_1@example.co.uk")) {
            assertThat(OtpAddress.email(address)).isEqualTo(address);
        }
    }

    @Test
    void anythingElseIsNotAnEmailAddress() {
        for (String address : List.of("", "alice", "alice@", "@example.com", "Alice <alice@example.com>",
                "alice@example.com, bob@example.com", "alice@example.com\r\nBcc: eve@example.com",
                "a b@example.com", "alice@@example.com", "group: a@example.com;", "alice@exa mple.com",
                "\"quoted space\"@example.com", "alice@example.com\u0000", "x".repeat(250) + "@example.com")) {
            assertThatThrownBy(() -> OtpAddress.email(address)).as(address)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("address must be a valid email address");
        }
        assertThatThrownBy(() -> OtpAddress.email(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void e164NumbersPass() {
        for (String number : List.of("+14155550100", "+442071838750", "+6834002", "+861012345678901")) {
            assertThat(OtpAddress.phone(number)).isEqualTo(number);
        }
    }

    @Test
    void anythingElseIsNotAPhoneNumber() {
        for (String number : List.of("", "4155550100", "+1 415 555 0100", "+1-415-555-0100", "+0123456789",
                "+12", "+1234567890123456", "++14155550100", "+1415555010a", "+14155550100\n")) {
            assertThatThrownBy(() -> OtpAddress.phone(number)).as(number).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("E.164");
        }
    }
}
