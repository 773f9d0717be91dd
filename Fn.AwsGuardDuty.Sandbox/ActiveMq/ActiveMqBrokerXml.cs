namespace Fn.AwsGuardDuty.Sandbox.ActiveMq;

/// <summary>
/// The broker's xbean XML: a plain STOMP and a STOMP+SSL connector on 127.0.0.1, KahaDB persistence (unacked messages
/// survive a kill), no JMX, no advisories, no web console, and simple authentication/authorization for <see cref="ActiveMqUsers"/>.
/// The connectors keep ActiveMQ's default socket settings unless <see cref="ActiveMqTransport.TcpNoDelay"/> is asked for.
/// </summary>
public static class ActiveMqBrokerXml
{
    public static string Render(
        string directory, ActiveMqUsers users, int stompPort, int stompSslPort, string keyStorePath, string keyStorePassword,
        ActiveMqTransport transport = ActiveMqTransport.Defaults)
    {
        var options = transport == ActiveMqTransport.TcpNoDelay ? "?transport.tcpNoDelay=true" : "";
        return $"""
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans-2.0.xsd
                 http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
          <broker xmlns="http://activemq.apache.org/schema/core" brokerName="fn-gd-test" useJmx="false"
                  persistent="true" schedulerSupport="false" advisorySupport="false"
                  dataDirectory="{directory}/data">
            <persistenceAdapter>
              <kahaDB directory="{directory}/data/kahadb" journalMaxFileLength="8mb"/>
            </persistenceAdapter>
            <plugins>
              <simpleAuthenticationPlugin anonymousAccessAllowed="false">
                <users>
                  <authenticationUser username="{users.Username}" password="{users.Password}" groups="apps"/>
                  <authenticationUser username="{users.NoReadUsername}" password="{users.NoReadPassword}" groups="outsiders"/>
                </users>
              </simpleAuthenticationPlugin>
              <authorizationPlugin>
                <map>
                  <authorizationMap>
                    <authorizationEntries>
                      <authorizationEntry queue="actions.>" read="apps" write="apps,outsiders" admin="apps,outsiders"/>
                      <authorizationEntry queue="acks.>" read="apps,outsiders" write="apps,outsiders" admin="apps,outsiders"/>
                      <authorizationEntry queue="stomp-test.>" read="apps" write="apps" admin="apps"/>
                      <authorizationEntry topic="ActiveMQ.Advisory.>" read="apps,outsiders" write="apps,outsiders" admin="apps,outsiders"/>
                    </authorizationEntries>
                  </authorizationMap>
                </map>
              </authorizationPlugin>
            </plugins>
            <systemUsage>
              <systemUsage>
                <memoryUsage><memoryUsage limit="64 mb"/></memoryUsage>
                <storeUsage><storeUsage limit="2 gb"/></storeUsage>
                <tempUsage><tempUsage limit="256 mb"/></tempUsage>
              </systemUsage>
            </systemUsage>
            <sslContext>
              <sslContext keyStore="file:{keyStorePath}" keyStorePassword="{keyStorePassword}"/>
            </sslContext>
            <transportConnectors>
              <transportConnector name="stomp" uri="stomp://127.0.0.1:{stompPort}{options}"/>
              <transportConnector name="stomp+ssl" uri="stomp+ssl://127.0.0.1:{stompSslPort}{options}"/>
            </transportConnectors>
          </broker>
        </beans>
        """;
    }
}
