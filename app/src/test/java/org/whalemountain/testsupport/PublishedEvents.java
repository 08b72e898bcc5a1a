package org.whalemountain.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.transaction.event.TransactionalEventListener;
import org.whalemountain.identity.UserLoggedIn;
import org.whalemountain.registry.events.ImageSyncRequested;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.events.ImageTagRemoved;

/**
 * The events other modules listen to, as such a listener sees them: after the publishing
 * transaction committed (so a rolled-back event never shows), or at once when there was
 * none. Events arrive from any thread; tests read them with a mark taken before they act.
 * One method per event type: a listener for {@code Object} would make Spring Modulith's
 * publication registry try to store framework events too.
 */
public class PublishedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@TransactionalEventListener(fallbackExecution = true)
	void on(ImageTagPushed event) {
		this.events.add(event);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ImageTagRemoved event) {
		this.events.add(event);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ImageSyncRequested event) {
		this.events.add(event);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(UserLoggedIn event) {
		this.events.add(event);
	}

	/** How many events were published so far: pass it to {@link #since}. */
	public int mark() {
		return this.events.size();
	}

	/** The events of this type published after the mark, in order. */
	public <T> List<T> since(int mark, Class<T> type) {
		return this.events.subList(mark, this.events.size()).stream().filter(type::isInstance).map(type::cast).toList();
	}

}
