/*
 * Starts a real Apache Solr 9 HTTP server from the Maven Central jars, for the local stack.
 *
 * Why: Solr has no Debian or PyPI package and these machines run no Docker, so we start Solr's
 * own embedded Jetty runner (solr-test-framework) on 127.0.0.1 with a Solr home prepared by
 * devstack/stack.py. It prints one ready line that the Python side waits for, and stops cleanly
 * on SIGTERM.
 *
 * Usage: java -cp 'lib/*:classes' SolrLauncher SOLR_HOME PORT
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

public final class SolrLauncher {
  private SolrLauncher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SolrLauncher SOLR_HOME PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    if (!Files.isRegularFile(home.resolve("solr.xml"))) {
      System.err.println("solr.xml not found in Solr home " + home);
      System.exit(2);
    }
    JettyConfig config =
        JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(false).build();
    JettySolrRunner runner = new JettySolrRunner(home.toString(), new Properties(), config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    runner.stop();
                  } catch (Exception e) {
                    System.err.println("error while stopping Solr: " + e);
                  } finally {
                    stopped.countDown();
                  }
                }));
    try {
      runner.start();
    } catch (Exception e) {
      System.err.println("Solr could not start on port " + port + ": " + e.getMessage());
      System.exit(1);
    }
    System.out.println("VUSTA-SOLR READY port=" + runner.getLocalPort());
    System.out.flush();
    stopped.await();
  }
}
