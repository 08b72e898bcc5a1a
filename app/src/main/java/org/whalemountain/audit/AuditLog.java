package org.whalemountain.audit;

import java.util.List;

import org.springframework.stereotype.Service;

/** The audit module's entry: reading the log. Writing happens only through events. */
@Service
public class AuditLog {

	/** The most a single read returns. */
	public static final int MAX_PAGE = 500;

	private final AuditStore store;

	AuditLog(AuditStore store) {
		this.store = store;
	}

	/**
	 * The newest entries first.
	 * @param limit at most {@link #MAX_PAGE}
	 * @param actor only this actor's entries, or {@code null} for all
	 */
	public List<AuditEntry> latest(int limit, String actor) {
		return this.store.latest(Math.max(1, Math.min(limit, MAX_PAGE)), actor);
	}

}
