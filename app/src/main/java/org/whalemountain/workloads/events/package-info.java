/**
 * What the workloads module tells the others, as past-tense events: launches, starts,
 * stops, deletions, commands, uploads and terminals (for the audit log). A named
 * interface, so that a module that only listens names {@code workloads::events}.
 */
@org.springframework.modulith.NamedInterface("events")
package org.whalemountain.workloads.events;
