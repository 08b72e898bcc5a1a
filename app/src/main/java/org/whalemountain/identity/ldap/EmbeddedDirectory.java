package org.whalemountain.identity.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldif.LDIFReader;

import org.springframework.core.io.Resource;

/**
 * An in-memory LDAP server (UnboundID) with the demo users, started only with
 * {@code wm.identity.demo=true}. Listens on 127.0.0.1 only and is read-only over LDAP;
 * its entries live as long as the process.
 */
public final class EmbeddedDirectory implements AutoCloseable {

	private final InMemoryDirectoryServer server;

	private final String baseDn;

	private EmbeddedDirectory(InMemoryDirectoryServer server, String baseDn) {
		this.server = server;
		this.baseDn = baseDn;
	}

	/**
	 * Starts the server and loads the LDIF.
	 * @throws IllegalStateException if the LDIF cannot be read or the port is taken
	 */
	public static EmbeddedDirectory start(String baseDn, int port, Resource ldif) {
		try (InputStream in = ldif.getInputStream()) {
			InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
			config.setListenerConfigs(
					InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
			// the standard schema lacks RFC 2307 (posixAccount); the demo entries are
			// ours to trust
			config.setSchema(null);
			// the service only binds and searches; without this any local process could
			// add
			// or change an entry (an admin, say) without even binding, since the
			// in-memory
			// server has no access control
			config.setAllowedOperationTypes(OperationType.BIND, OperationType.SEARCH, OperationType.COMPARE,
					OperationType.ABANDON, OperationType.UNBIND);
			InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
			server.importFromLDIF(true, new LDIFReader(in));
			server.startListening();
			return new EmbeddedDirectory(server, baseDn);
		}
		catch (LDAPException | IOException ex) {
			throw new IllegalStateException("The embedded directory did not start: " + ex.getMessage(), ex);
		}
	}

	/** {@code ldap://127.0.0.1:PORT/BASE}. */
	public String url() {
		return "ldap://127.0.0.1:" + this.server.getListenPort() + "/" + this.baseDn;
	}

	@Override
	public void close() {
		this.server.shutDown(true);
	}

}
