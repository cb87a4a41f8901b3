package dev.latchkey.idp;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A mock user of a static (sandbox) IDP, Cloudentity's {@code StaticUser}. The password is held in clear
 * here (the spec and the seed's sample response return it) and encrypted at rest by the repository.
 * Fields left out of a request stay out of the response, as in the seed's sample.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaticUser(String username, String password, String email, Boolean emailVerified, String phoneNumber,
                         Boolean phoneNumberVerified, Map<String, Object> authenticationContext,
                         Map<String, Object> additionalAttributes) {

    public StaticUser withPassword(String newPassword) {
        return new StaticUser(username, newPassword, email, emailVerified, phoneNumber, phoneNumberVerified,
                authenticationContext, additionalAttributes);
    }

    /** Never prints the password (records print every component by default). */
    @Override
    public String toString() {
        return "StaticUser[username=" + username + ", password=***]";
    }
}
