package dev.latchkey.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.manage.MfaAdmin;
import dev.latchkey.mfa.MfaAuth;
import dev.latchkey.mfa.MfaMethod;
import dev.latchkey.mfa.MfaSettings;
import dev.latchkey.mfa.OtpMessage;

import java.util.List;

/**
 * The JSON of the MFA method endpoints in Cloudentity's shapes: the {@code MFAMethod} request body (which
 * also accepts the read-only {@code default_*_settings} of a GET, so that a script may PUT back what it
 * read), {@code MFAMethods}, {@code MFAMethodResponse} and {@code TestMFAMethodRequest}.
 */
final class MfaMethodsBodies {

    private MfaMethodsBodies() {
    }

    /** {@code MFAMethod} as sent by the caller; {@code tenant_id} and the {@code default_*} are ignored. */
    record MethodBody(String id, String tenantId, String mechanism, Boolean enabled, MfaSettings settings,
                      MfaAuth auth, DefaultEmailSettings defaultEmailSettings,
                      DefaultSmsSettings defaultSmsSettings) {

        MfaAdmin.Request request() {
            return new MfaAdmin.Request(id, mechanism, enabled, settings, auth);
        }
    }

    /** {@code TestMFAMethodRequest}. */
    record TestBody(String address) {
    }

    /** {@code MFAMethods}. */
    record Methods(List<MfaMethod> mfaMethods) {
    }

    /** {@code DefaultEmailSettings}: what is used where the method's settings leave a field out. */
    record DefaultEmailSettings(String from, String messageSubject, String messageTemplate) {
    }

    /** {@code DefaultSMSSettings}. */
    record DefaultSmsSettings(String messageTemplate, String source) {
    }

    /** {@code MFAMethodResponse}: the method (without secrets) and the defaults in force. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MethodResponse(String id, String tenantId, String mechanism, boolean enabled, MfaSettings settings,
                          MfaAuth auth, DefaultEmailSettings defaultEmailSettings,
                          DefaultSmsSettings defaultSmsSettings) {

        static MethodResponse of(MfaMethod m) {
            return new MethodResponse(m.id(), m.tenantId(), m.mechanism(), m.enabled(), m.settings(), m.auth(),
                    new DefaultEmailSettings(OtpMessage.DEFAULT_FROM, OtpMessage.DEFAULT_SUBJECT,
                            OtpMessage.DEFAULT_EMAIL_TEMPLATE),
                    new DefaultSmsSettings(OtpMessage.DEFAULT_SMS_TEMPLATE, OtpMessage.DEFAULT_SMS_SOURCE));
        }
    }
}
