"""`GET /health/ready`: 200 while the model is loaded and the conversation store can be written.

A load balancer or an orchestrator's readiness probe points here, and stops sending users to a
server whose database fails (503, with the reason). It is an input channel (listed in
credentials.yml) because that is the extension point Rasa gives for routes of our own: Rasa
mounts a channel's blueprint under `/webhooks/` joined with its `url_prefix`, and an absolute
prefix keeps the route where deployments already probe it. No message is ever sent through it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from serving.store_health import SERVING

READINESS_ROUTE = "/health/ready"


class ReadinessInput(InputChannel):
    """The readiness route, as a channel that receives no messages."""

    @classmethod
    def name(cls) -> str:
        return "health"

    def url_prefix(self) -> str:
        return "/health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        routes = Blueprint("readiness", __name__)

        @routes.route("/ready", methods=["GET"])
        async def ready(_: Request) -> HTTPResponse:
            problem = SERVING.problem()
            if problem:
                return json({"status": "not ready", "reason": problem}, status=503)
            return json({"status": "ready"})

        return routes
