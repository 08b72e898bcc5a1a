package org.whalemountain.identity;

/**
 * How long a new token lives unless asked otherwise, and the longest it may live, in
 * days.
 */
public record TokenLifetimes(long defaultDays, long maxDays) {
}
