/**
 * The token service the registry's {@code auth.token} points at: the endpoint
 * ({@code GET /registry/token}), who may pull and push what ({@code RepositoryAccess}),
 * runner push credentials, and signing: the key and its certificate, the JWT, minting for
 * users and for the service itself.
 */
package org.whalemountain.registry.token;
