package dev.latchkey.idp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import java.util.List;
import java.util.Map;

/**
 * What every identity provider has, whatever its method: Cloudentity's {@code IDPBase}, the item of
 * {@code listIDPs}. Method-specific parts ({@code settings}, {@code credentials}) are left out, so a list
 * never carries mock users' passwords. Optional objects that were never set are left out of the JSON.
 */
public record IdpBase(String id, String tenantId, String authorizationServerId, String clientId, String name,
                      Boolean disabled, String method, List<IdpParts.Attribute> attributes,
                      List<IdpParts.Mapping> mappings, List<String> staticAmr,
                      @JsonInclude(Include.NON_NULL) IdpParts.Transformer transformer, IdpParts.Config config,
                      @JsonInclude(Include.NON_NULL) List<String> domains,
                      @JsonInclude(Include.NON_NULL) String workspaceId, Boolean hidden, Long displayOrder,
                      @JsonInclude(Include.NON_NULL) String logoUri,
                      @JsonInclude(Include.NON_NULL) String identityPoolId,
                      @JsonInclude(Include.NON_NULL) IdpParts.DiscoverySettings discoverySettings,
                      @JsonInclude(Include.NON_NULL) Map<String, Object> jit,
                      @JsonInclude(Include.NON_NULL) IdpParts.SsoSettings ssoSettings,
                      @JsonInclude(Include.NON_NULL) IdpParts.TokenExchangeSettings tokenExchangeSettings,
                      @JsonInclude(Include.NON_NULL) String postAuthnAppId, Long version) {

    public IdpBase {
        disabled = Boolean.TRUE.equals(disabled);
        hidden = Boolean.TRUE.equals(hidden);
        displayOrder = displayOrder == null ? 0 : displayOrder;
    }
}
