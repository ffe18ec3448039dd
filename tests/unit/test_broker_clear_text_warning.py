"""aiokafka's "in the clear" warning: dropped for the embedded stack's loopback SASL/PLAIN front,
kept for any other broker address."""

import inspect
import logging

import aiokafka.conn
import pytest

from himflow import broker
from himflow.settings import BrokerSettings

MESSAGE = "Sending username and password in the clear"


def _settings(servers: str) -> BrokerSettings:
    return BrokerSettings(bootstrap_servers=servers, security_protocol="SASL_PLAINTEXT",
                          sasl_mechanism="PLAIN", sasl_username="u", sasl_password="p")


@pytest.fixture(autouse=True)
def _fresh_filter():
    broker._FILTER.loopback_only = True
    yield
    broker._FILTER.loopback_only = True


def test_aiokafka_still_says_it():
    # if aiokafka rewords the warning, the filter would silently stop matching
    assert MESSAGE in inspect.getsource(aiokafka.conn)


@pytest.mark.parametrize("servers", ["127.0.0.1:19092", "localhost:9092", "[::1]:9092,127.0.0.2:9093"])
def test_loopback_plain_is_quiet(servers, caplog):
    broker.aiokafka_kwargs(_settings(servers))
    with caplog.at_level(logging.WARNING, logger="aiokafka.conn"):
        logging.getLogger("aiokafka.conn").warning(MESSAGE)
        logging.getLogger("aiokafka.conn").warning("something else")
    msgs = [r.getMessage() for r in caplog.records]
    assert MESSAGE not in msgs and "something else" in msgs


@pytest.mark.parametrize("servers", ["10.0.0.5:9092", "kafka.hospital.example:9092", "127.0.0.1:9092,10.1.1.1:9092"])
def test_remote_plain_keeps_the_warning(servers, caplog):
    broker.security(_settings(servers))
    with caplog.at_level(logging.WARNING, logger="aiokafka.conn"):
        logging.getLogger("aiokafka.conn").warning(MESSAGE)
    assert MESSAGE in [r.getMessage() for r in caplog.records]
