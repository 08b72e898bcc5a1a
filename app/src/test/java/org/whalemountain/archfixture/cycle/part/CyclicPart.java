package org.whalemountain.archfixture.cycle.part;

import org.whalemountain.archfixture.cycle.CyclicEntry;

/** The other half of {@link CyclicEntry}'s cycle. Test fixture only. */
public interface CyclicPart {

	CyclicEntry entry();

}
