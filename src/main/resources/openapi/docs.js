// Swagger UI for Latchkey's API reference (/api/docs): the document is /api/openapi.json, relative to
// this page so that it also works behind a proxy that adds a path prefix.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false
  });
};
