package org.whalemountain.identity.ldap;

import java.net.URI;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The demo directory over LDAP, as any other process on the machine reaches it: it binds
 * and searches, and refuses every write, anonymous or not.
 */
class EmbeddedDirectoryTests {

	static final String BASE = "dc=whalemountain,dc=test";

	static final String ADMIN = "uid=sensei,ou=people," + BASE;

	final EmbeddedDirectory directory = EmbeddedDirectory.start(BASE, 0,
			new ClassPathResource("directory/demo-users.ldif"));

	@AfterEach
	void stop() {
		this.directory.close();
	}

	@Test
	void anAnonymousAddIsRefused() throws Exception {
		try (LDAPConnection anonymous = connect()) {
			assertRefused(() -> anonymous.add("uid=mallory,ou=people," + BASE, new Attribute("objectClass", "account"),
					new Attribute("uid", "mallory"), new Attribute("userPassword", "mallory-pass")));
			assertRefused(() -> anonymous.modify("cn=wm-admins,ou=groups," + BASE,
					new Modification(ModificationType.ADD, "member", "uid=carol,ou=people," + BASE)));
			assertRefused(() -> anonymous.delete("uid=alice,ou=people," + BASE));

			assertThat(anonymous.search(BASE, SearchScope.SUB, "(uid=mallory)").getEntryCount()).isZero();
			assertThat(anonymous.search(BASE, SearchScope.SUB, "(member=uid=carol,ou=people," + BASE + ")")
				.getEntryCount()).isZero();
			assertThat(anonymous.search(BASE, SearchScope.SUB, "(uid=alice)").getEntryCount()).isOne();
		}
	}

	@Test
	void aBoundUserCannotWriteEither() throws Exception {
		try (LDAPConnection sensei = connect()) {
			sensei.bind(ADMIN, "sensei-pass");

			assertRefused(() -> sensei.modify("uid=alice,ou=people," + BASE,
					new Modification(ModificationType.REPLACE, "userPassword", "taken-over")));
		}
		try (LDAPConnection alice = connect()) {
			assertThat(alice.bind("uid=alice,ou=people," + BASE, "alice-pass").getResultCode())
				.isEqualTo(ResultCode.SUCCESS);
		}
	}

	private LDAPConnection connect() throws LDAPException {
		URI url = URI.create(this.directory.url());
		return new LDAPConnection(url.getHost(), url.getPort());
	}

	private static void assertRefused(LdapCall call) {
		assertThatExceptionOfType(LDAPException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
	}

	interface LdapCall {

		void run() throws LDAPException;

	}

}
