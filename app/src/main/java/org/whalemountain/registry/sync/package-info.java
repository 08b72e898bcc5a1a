/**
 * The registry sync: reads what the registry holds ({@code RegistryScan}), stores the
 * differences in {@code registry_tags} and announces them ({@code SyncApplier}), one run
 * at a time across replicas ({@code SyncQueue}, {@code SyncLocks},
 * {@code SyncScheduler}); the registry's notifications and GitLab's webhook that queue
 * runs; and manifest deletion, which keeps {@code registry_tags} in step with the
 * registry.
 */
package org.whalemountain.registry.sync;
