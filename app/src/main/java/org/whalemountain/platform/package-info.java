/**
 * Process-level ground every feature stands on: the data directory, the embedded database
 * for the demo run, the clock and the domain exception vocabulary.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.whalemountain.platform;
