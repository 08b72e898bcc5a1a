package org.whalemountain.archfixture;

import org.gitlab4j.api.models.Runner;

/** A deliberate offender: a port that exposes a gitlab4j type. Test fixture only. */
public interface LeakingGitLabPort {

	Runner runner(long id);

}
