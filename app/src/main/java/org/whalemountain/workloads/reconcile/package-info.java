/**
 * Keeping the engines and the database in step, because either can change without the
 * other: rows whose container vanished, labelled containers without a row, and launches
 * left pending by a restart. Internal to the module; public only for its tests.
 */
package org.whalemountain.workloads.reconcile;
