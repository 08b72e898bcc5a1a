/**
 * Whether CI jobs can reach the registry and its token realm at the addresses their
 * runner gives them.
 */
package org.whalemountain.runners.reach;
