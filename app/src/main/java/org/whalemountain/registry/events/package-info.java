/**
 * What the registry module tells the others, as past-tense events: tags pushed and
 * removed (for the catalogue and the SIF builds), and logins, tokens, runner credentials
 * and sync requests (for the audit log). A named interface, so that a module that only
 * listens names {@code registry::events} and nothing else of the registry.
 */
@org.springframework.modulith.NamedInterface("events")
package org.whalemountain.registry.events;
