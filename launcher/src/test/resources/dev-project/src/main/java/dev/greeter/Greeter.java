package dev.greeter;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/** A health check whose message is what the plugin says: GET /health shows it. */
@Component(property = { HealthCheck.NAME + "=dev-greeter", HealthCheck.TAGS + "=dev" })
public class Greeter implements HealthCheck {

    @Activate
    void activate() {
        LoggerFactory.getLogger(Greeter.class).info("dev-greeter says: {}", Phrase.text());
    }

    @Override
    public Result execute() {
        return new Result(Result.Status.OK, Phrase.text());
    }
}
