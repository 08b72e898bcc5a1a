/**
 * The append-only audit log: who did what, when and from where. Filled by listening to
 * the other modules' events; read by admins.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = { "identity", "registry",
		"registry::events", "runners", "images", "workloads", "workloads::events", "platform" })
package org.whalemountain.audit;
