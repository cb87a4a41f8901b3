package dev.latchkey.mfa;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.regex.Pattern;

/**
 * Checks the address a one-time password goes to: an email address parsed strictly (RFC 822 syntax, a
 * bare address without a display name, no spaces or control characters, at most 254 characters), or a
 * phone number in E.164 form ({@code +} and 7 to 15 digits, no spaces). A bad address throws
 * {@link IllegalArgumentException} with a message fit for the caller.
 */
public final class OtpAddress {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private OtpAddress() {
    }

    public static String email(String address) {
        String invalid = "address must be a valid email address";
        if (address == null || address.isEmpty() || address.length() > 254
                || address.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(invalid);
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            int at = address.lastIndexOf('@');
            if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())
                    || at < 1 || at == address.length() - 1) {
                throw new IllegalArgumentException(invalid);
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(invalid);
        }
    }

    public static String phone(String address) {
        if (address == null || !E164.matcher(address).matches()) {
            throw new IllegalArgumentException("address must be a phone number in E.164 form, e.g. +14155550100");
        }
        return address;
    }
}
