/**
 * The implementation of {@link org.whalemountain.registry.Registry}, the module's entry:
 * it hands each call to the sync, the token service or the registry client.
 */
package org.whalemountain.registry.facade;
