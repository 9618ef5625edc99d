package dev.datacenter.operator.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.NoCache;

/** The read-only HTTP API: GET only, nothing here changes anything. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@NoCache
public class StateResource {

    @Inject
    OperatorStateSource source;

    @Inject
    HistorySampler history;

    /** Nodes, pools and apps as of now. */
    @GET
    @Path("state")
    public StateView state() {
        return source.state();
    }

    /** The newest allocation cycle: offers made, accepted, declined with reasons, its duration. */
    @GET
    @Path("offers")
    public OffersView offers() {
        return source.offers();
    }

    /** Why one app waits: each requirement's matching and declining nodes, the closest nodes; 404 for an unknown app. */
    @GET
    @Path("apps/{namespace}/{name}/explain")
    public ExplainView explain(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return source.explain(namespace, name)
                .orElseThrow(() -> new NotFoundException("no DataCenterApp " + namespace + "/" + name));
    }

    /** The last hour of allocation, tasks and failures, sampled every history interval. */
    @GET
    @Path("history")
    public HistoryView history() {
        return history.history();
    }
}
