package org.whalemountain.workloads;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.whalemountain.platform.TooManyRequestsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandSlotsTests {

	private final CommandSlots slots = new CommandSlots(new Binder(new MapConfigurationPropertySource(
			Map.of("wm.workloads.host-address", "127.0.0.1", "wm.workloads.exec.max-per-user", "2")))
		.bindOrCreate("wm.workloads", WorkloadsProperties.class));

	@Test
	void aUserWithAllSlotsTakenIsToldToRetryWhileOthersAreNot() {
		CommandSlots.Slot first = this.slots.take("alice");
		this.slots.take("alice");

		assertThatThrownBy(() -> this.slots.take("alice")).isInstanceOf(TooManyRequestsException.class)
			.hasMessageContaining("wm.workloads.exec.max-per-user")
			.satisfies((ex) -> {
				TooManyRequestsException tooMany = (TooManyRequestsException) ex;
				assertThat(tooMany.code()).isEqualTo("too-many-commands");
				assertThat(tooMany.retryAfter()).isPositive();
			});
		this.slots.take("bob").close();

		first.close();
		first.close();
		assertThat(this.slots.runningBy("alice")).isEqualTo(1);
		this.slots.take("alice");
		assertThat(this.slots.runningBy("alice")).isEqualTo(2);
		assertThat(this.slots.runningBy("bob")).isZero();
	}

}
