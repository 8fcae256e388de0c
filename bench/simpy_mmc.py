#!/usr/bin/env python3
"""The M/M/c model of engine_bench ("mmc") written for SimPy, to compare the two in the same benchmark run.

Model (identical to bench/engine_bench.cpp): c = 8 servers, exponential service with mean 1 ms (mu = 1000/s per
server), Poisson arrivals at lambda = rho * c * mu = 7200/s (rho = 0.9), FIFO queue, run until the simulated
horizon customers / lambda (10^6 customers expected by default). Each response time (arrival to departure) is
appended to a list, as the engine's latency histogram would record it.

Event-count convention (the same as Engine::events_processed() on this model): 2 events per customer, one
arrival (the source emits it) and one departure (its service ends). Events = arrivals + departures within the
horizon. SimPy's own scheduler handles more internal events per customer (request, hold, release, process
start), which this figure deliberately does not count.

Works with SimPy 2.x (Debian's python3-simpy, module "SimPy") and SimPy 3+/4 (module "simpy"), preferring 3+.
Usage: simpy_mmc.py [--customers N] [--quick] [--json FILE] [--seed S]
"""
import argparse
import json
import random
import sys
import time

SERVERS = 8
RHO = 0.9
MU = 1000.0  # per server, 1/s (service mean 1 ms)
LAM = RHO * SERVERS * MU


def run_simpy3(simpy, horizon, rng):
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=SERVERS)
    response_times = []
    counts = {"arrivals": 0}
    expo = rng.expovariate

    def customer():
        arrived = env.now
        with server.request() as req:
            yield req
            yield env.timeout(expo(MU))
        response_times.append(env.now - arrived)

    def source():
        while True:
            yield env.timeout(expo(LAM))
            counts["arrivals"] += 1
            env.process(customer())

    env.process(source())
    start = time.perf_counter()
    env.run(until=horizon)
    wall = time.perf_counter() - start
    return counts["arrivals"], response_times, wall


def run_simpy2(horizon, rng):
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    sim = Simulation()
    sim.initialize()
    server = Resource(capacity=SERVERS, sim=sim)
    response_times = []
    counts = {"arrivals": 0}
    expo = rng.expovariate

    class Customer(Process):
        def visit(self):
            arrived = self.sim.now()
            yield request, self, server
            yield hold, self, expo(MU)
            yield release, self, server
            response_times.append(self.sim.now() - arrived)

    class Source(Process):
        def generate(self):
            while True:
                yield hold, self, expo(LAM)
                counts["arrivals"] += 1
                c = Customer(sim=self.sim)
                self.sim.activate(c, c.visit())

    src = Source(sim=sim)
    sim.activate(src, src.generate())
    start = time.perf_counter()
    sim.simulate(until=horizon)
    wall = time.perf_counter() - start
    return counts["arrivals"], response_times, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="10^5 customers")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    customers = 100_000 if args.quick else args.customers
    horizon = customers / LAM
    rng = random.Random(args.seed)

    try:
        import simpy  # SimPy 3+

        version = "simpy " + getattr(simpy, "__version__", "3+")
        arrivals, response_times, wall = run_simpy3(simpy, horizon, rng)
    except ImportError:
        try:
            import SimPy  # SimPy 2.x (Debian python3-simpy)
        except ImportError:
            sys.exit("simpy_mmc.py: SimPy is not installed for %s; install it with: apt-get install python3-simpy"
                     % sys.executable)
        version = "SimPy " + getattr(SimPy, "__version__", "2.x")
        arrivals, response_times, wall = run_simpy2(horizon, rng)

    departures = len(response_times)
    events = arrivals + departures
    mean_ms = 1e3 * sum(response_times) / departures if departures else 0.0
    # M/M/8 at rho 0.9: Erlang C gives a mean response time of 1.877 ms, a sanity check of the model.
    print("%s on Python %s" % (version, sys.version.split()[0]))
    print("M/M/%d rho=%.2f: customers %d, events %d (arrivals + departures), wall %.3f s, "
          "%.3f M events/s, %.3f M requests/s, mean response %.3f ms"
          % (SERVERS, RHO, departures, events, wall, events / wall / 1e6, departures / wall / 1e6, mean_ms))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"simpy": version, "python": sys.version.split()[0], "customers": departures,
                       "arrivals": arrivals, "events": events, "wall_s": wall, "events_per_s": events / wall,
                       "requests_per_s": departures / wall, "mean_response_ms": mean_ms}, out, indent=2)
            out.write("\n")


if __name__ == "__main__":
    main()
