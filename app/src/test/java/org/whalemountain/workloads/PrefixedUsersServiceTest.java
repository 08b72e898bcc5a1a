package org.whalemountain.workloads;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

/**
 * The whole service with a directory of two users, {@code kai} and {@code kai-ro}, whose
 * names are prefixes of one another, and small limits on the commands users run: two per
 * user, three in all, and a one-second wait for a connection. One application context for
 * every test class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceTest
@TestPropertySource(properties = { "wm.identity.embedded.ldif=classpath:directory/prefixed-users.ldif",
		"wm.workloads.exec.max-per-user=2", "wm.workloads.docker.connections.commands=3",
		"wm.workloads.docker.connections.request-timeout=PT1S" })
@interface PrefixedUsersServiceTest {

	String KAI = Http.basic("kai", "kai-pass");

	String KAI_RO = Http.basic("kai-ro", "kai-ro-pass");

}
