/**
 * Browser terminals in lent containers: opening one on the engine, the per-user cap, the
 * idle timeout, and the end of every terminal of a session.
 */
package org.whalemountain.workloads.terminal;
