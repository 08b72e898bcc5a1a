/**
 * The {@link org.whalemountain.registry.RegistryClient} adapter for CNCF Distribution
 * (Docker Registry HTTP API v2), with its wiring and its health indicator. The only
 * package of the module that speaks HTTP to the registry.
 */
package org.whalemountain.registry.distribution;
