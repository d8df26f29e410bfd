package com.dispatchconsole.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log as the gateway writes it in production: logging configured from the product's logback.xml (root INFO,
 * the product's quiet loggers), every event captured, until {@link #close()} puts the tests' configuration back.
 * Tests look through it for what must never be there (tokens, passwords, PoD documents, stack traces).
 */
final class ProductionLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    ProductionLogs() {
        configure("/logback.xml");
        Logger root = context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        events.setContext(context());
        events.start();
        root.addAppender(events);
    }

    /** Every event so far as text: the message, and every message and frame of its exception chain. */
    List<String> lines() {
        return List.copyOf(events.list).stream().map(ProductionLogs::text).toList();
    }

    /** Events carrying a stack trace. */
    List<String> withStackTraces() {
        return List.copyOf(events.list).stream().filter(e -> e.getThrowableProxy() != null)
                .map(ProductionLogs::text).toList();
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append("\n\tat ").append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        configure("/logback-test.xml");
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static void configure(String resource) {
        URL config = ProductionLogs.class.getResource(resource);
        if (config == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        LoggerContext context = context();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("could not configure logging from " + resource, e);
        }
    }
}
