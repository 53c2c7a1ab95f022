package io.parley.team;

import io.parley.team.jdbc.JdbcTeamStore;
import io.parley.tenant.Members;
import io.parley.tenant.Organizations;
import io.parley.web.MemberAccess;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the team feature: roles enforced on every member request, invitations and password resets. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TeamProperties.class)
class TeamConfiguration {

    @Bean
    MemberAccess memberAccess(Members members, TeamStore store) {
        return new TeamAccess(members, store);
    }

    @Bean
    TeamStore teamStore(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcTeamStore(jdbc, transactions);
    }

    @Bean
    TeamMail teamMail(ObjectProvider<JavaMailSender> sender, TeamProperties settings) {
        return new TeamMail(sender.getIfAvailable(), settings.mailFrom());
    }

    @Bean
    Team team(
            Members members,
            Organizations organizations,
            TeamStore store,
            TeamMail mail,
            TeamProperties settings,
            Clock clock) {
        return new Team(members, organizations, store, mail, settings, clock);
    }

    @Bean
    PasswordResets passwordResets(
            Members members,
            TeamStore store,
            TeamMail mail,
            TeamProperties settings,
            @Value("${spring.datasource.url:}") String datasourceUrl,
            Clock clock) {
        // Embedded mode, as for the server's keys: the H2 file database on one person's own machine. The work after
        // a reset request is answered runs on a virtual thread of its own.
        return new PasswordResets(
                members,
                store,
                mail,
                settings,
                datasourceUrl.startsWith("jdbc:h2:"),
                task -> Thread.ofVirtual().name("password-reset").start(task),
                clock);
    }
}
