package dev.latchkey.idp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.List;

/**
 * The nested objects of an identity provider's document, in Cloudentity's names ({@code IDPBase} of
 * admin.yaml), plus the legacy fields that the seed document's "Connect IDP" body still sends
 * ({@code transformer}, {@code config.enable_stateful_ctx}, {@code config.stateful_ctx_duration}), so that
 * body is accepted unchanged. Stored and returned; their features (claim mapping, discovery, JIT, SSO,
 * token exchange) arrive with the login flows. Flags are boxed so that an absent or null flag reads as
 * false (as Go's zero value does in Cloudentity), and are never null once built.
 */
public final class IdpParts {

    /** The types a mapping may give its target ({@code Mapping.type}). */
    public static final List<String> MAPPING_TYPES =
            List.of("number", "string", "bool", "number_array", "string_array", "bool_array", "any");

    /** The types of an authentication context attribute ({@code AuthenticationContextAttribute.type}). */
    public static final List<String> ATTRIBUTE_TYPES = List.of("number", "string", "bool", "object",
            "number_array", "string_array", "bool_array", "object_array", "any");

    private IdpParts() {
    }

    /** Copies {@code source} (a path; {@code .} = everything) to {@code target} in the authentication context. */
    public record Mapping(String source, String target, String type,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String mode,
                          @JsonProperty("static") @JsonInclude(JsonInclude.Include.NON_NULL) Object staticValue,
                          Boolean allowWeakDecoding) {

        public Mapping {
            allowWeakDecoding = Boolean.TRUE.equals(allowWeakDecoding);
        }
    }

    /** An attribute of the authentication context the IDP provides. */
    public record Attribute(String name, String description, String type, List<String> labels) {
    }

    /** {@code config}: Cloudentity's {@code IDPConfiguration} plus the seed's stateful-context fields. */
    public record Config(Boolean reloadClaimsAtRefreshToken, Boolean useEmbedded, Boolean enableStatefulCtx,
                         Duration statefulCtxDuration) {

        public Config {
            reloadClaimsAtRefreshToken = Boolean.TRUE.equals(reloadClaimsAtRefreshToken);
            useEmbedded = Boolean.TRUE.equals(useEmbedded);
            enableStatefulCtx = Boolean.TRUE.equals(enableStatefulCtx);
            statefulCtxDuration = statefulCtxDuration == null ? Duration.ZERO : statefulCtxDuration;
        }

        public static Config defaults() {
            return new Config(false, false, false, Duration.ZERO);
        }
    }

    /** {@code transformer} (legacy, from the seed): a script run over the authentication context. */
    public record Transformer(Boolean enabled, String script) {

        public Transformer {
            enabled = Boolean.TRUE.equals(enabled);
        }
    }

    /** {@code discovery_settings}: IDP discovery by e-mail domain. */
    public record DiscoverySettings(List<String> domains, Boolean fallbackProvider, Boolean identifierBasedMatching,
                                    Boolean instantRedirect) {

        public DiscoverySettings {
            fallbackProvider = Boolean.TRUE.equals(fallbackProvider);
            identifierBasedMatching = Boolean.TRUE.equals(identifierBasedMatching);
            instantRedirect = Boolean.TRUE.equals(instantRedirect);
        }
    }

    /** {@code sso_settings}. */
    public record SsoSettings(Boolean disabled) {

        public SsoSettings {
            disabled = Boolean.TRUE.equals(disabled);
        }
    }

    /** {@code token_exchange_settings}. */
    public record TokenExchangeSettings(Boolean enabled) {

        public TokenExchangeSettings {
            enabled = Boolean.TRUE.equals(enabled);
        }
    }
}
