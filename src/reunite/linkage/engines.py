"""The SQL engines Splink runs on, by name: the choice is a setting, never a fork in the code.

`duckdb` (the default) is embedded and in memory: one machine, nothing to install. `spark` runs the same Splink
SQL on Apache Spark, for jobs past one machine; it needs the `spark` extra (`uv sync --extra spark`, which installs
pyspark) and a Java 17 or later runtime (Debian: `apt-get install default-jre-headless`). pyspark is imported only
when the spark engine is chosen. Nothing is downloaded at run time: Splink's own Spark functions come from the jar
inside the Splink package. The settings use only SQL that gives the same answers on both engines (equality,
`levenshtein`, `abs`, `||`); Jaro-Winkler does not (Spark's and Splink's jar count transpositions otherwise than
DuckDB), and `tests/linkage/test_spark.py` checks that both engines predict the same pairs.

The spark engine starts one SparkSession per process, on first use, and gives each `engine_api("spark")` its own
session on it (`newSession`), so the temporary views of two runs never collide. Spark's intermediate tables
(parquet), shuffle files and warehouse go to a private temporary directory (under `TMPDIR`), removed at exit.
Configured by environment variables, read when the session starts:

- `REUNITE_SPARK_MASTER` (default `local[*]`): the Spark master URL; `local[*]` runs in one JVM, a child of
  this process, on every core.
- `REUNITE_SPARK_DRIVER_MEMORY` (default `2g`, enough for 100,000 records): the driver JVM's heap; in local
  mode, the whole job's memory, which the JVM takes nearly all of.
- `REUNITE_SPARK_SHUFFLE_PARTITIONS` (default 2 per core): `spark.sql.shuffle.partitions`; Spark's own 200
  suits a cluster, not one machine.
- `REUNITE_SPARK_CHECKPOINT_DIR` (default: in the temporary directory): where Splink's intermediate tables and
  the input tables go; on a cluster, storage that every executor reaches (HDFS, S3), and nobody else reads.
- `REUNITE_SPARK_JAVA_OPTIONS` (default none): more options for the driver JVM, e.g. `-XX:TieredStopAtLevel=1`,
  which starts small jobs sooner.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from splink import DuckDBAPI
from splink.internals.database_api import DatabaseAPISubClass
from splink.internals.splink_dataframe import SplinkDataFrame

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT = "duckdb"
# DuckDB in memory still spills what outgrows its memory limit to `temp_directory` (default `.tmp` in the working
# directory), in plaintext: no spilling, so records never reach a disk unencrypted. A linkage too large for memory
# then stops with DuckDB's "Out of Memory Error" instead.
DUCKDB_CONFIG = {"temp_directory": ""}

# Spark logs every stage at INFO, and a few warnings at every start or checkpoint that say nothing about the job
_LOG4J = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = warn
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
logger.utils.name = org.apache.spark.util.Utils
logger.utils.level = error
logger.conf.name = org.apache.spark.SparkConf
logger.conf.level = error
logger.datasource.name = org.apache.spark.sql.execution.datasources.DataSource
logger.datasource.level = error
logger.strings.name = org.apache.spark.util.SparkStringUtils
logger.strings.level = error
"""


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here: something it needs is not installed."""


_NEEDS_JAVA = "the spark engine needs a Java 17 or later runtime: on Debian `apt-get install default-jre-headless`"


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def spark_missing() -> str | None:
    """What the spark engine lacks on this machine, said as what to install; None when it can start."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "the spark engine needs pyspark: install the 'spark' extra (`uv sync --extra spark`)"
    if _java() is None:
        return f"{_NEEDS_JAVA}, or JAVA_HOME set to one"
    return None


def _private_dir() -> Path:
    """A temporary directory only this user can read (intermediate tables hold personal data), removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="reunite-spark-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    (root / "log4j2.properties").write_text(_LOG4J, encoding="utf-8")
    return root


def _spark_conf(master: str, root: Path) -> dict[str, str]:
    from splink.backends.spark import similarity_jar_location

    partitions = os.environ.get("REUNITE_SPARK_SHUFFLE_PARTITIONS") or str(2 * (os.cpu_count() or 1))
    java_options = f"-Dlog4j2.configurationFile=file:{root / 'log4j2.properties'}"
    conf = {
        "spark.driver.memory": os.environ.get("REUNITE_SPARK_DRIVER_MEMORY") or "2g",
        "spark.driver.extraJavaOptions": f"{java_options} {os.environ.get('REUNITE_SPARK_JAVA_OPTIONS', '')}".strip(),
        "spark.sql.shuffle.partitions": partitions,
        "spark.default.parallelism": partitions,
        "spark.jars": similarity_jar_location(),  # a file in the Splink package: never spark.jars.packages
        "spark.local.dir": str(root / "local"),
        "spark.sql.warehouse.dir": str(root / "warehouse"),
        "spark.ui.enabled": "false",  # no web server on a machine that holds testimonies
        "spark.ui.showConsoleProgress": "false",
    }
    if master.startswith("local"):  # nothing listens past this machine
        conf |= {"spark.driver.bindAddress": "127.0.0.1", "spark.driver.host": "127.0.0.1"}
    return conf


@functools.cache
def spark_session() -> SparkSession:
    """The process's SparkSession, started on first use; stopped, and its files removed, at exit."""
    if missing := spark_missing():
        raise EngineUnavailable(missing)
    from pyspark.sql import SparkSession

    master = os.environ.get("REUNITE_SPARK_MASTER") or "local[*]"
    root = _private_dir()
    builder = SparkSession.builder.master(master).appName("reunite.linkage")
    for key, value in _spark_conf(master, root).items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # a JVM that does not start (too old a Java) is a bare PySparkRuntimeError
        raise EngineUnavailable(f"Spark could not start its JVM ({error}); {_NEEDS_JAVA}") from error
    atexit.register(_stop, session)  # registered after the directory's removal, so it runs before it
    session.sparkContext.setLogLevel("WARN")
    session.sparkContext.setCheckpointDir(os.environ.get("REUNITE_SPARK_CHECKPOINT_DIR") or str(root / "checkpoints"))
    return session


def _stop(session: SparkSession) -> None:
    with contextlib.suppress(Exception):  # at exit, a JVM stopped or gone already has nothing left to stop
        session.stop()


@functools.cache
def _spark_api_class() -> type[DatabaseAPISubClass]:
    from splink import SparkAPI

    class StoredInputSparkAPI(SparkAPI):
        """Splink's SparkAPI, with input tables from Python stored once as parquet in the checkpoint directory.

        Spark keeps a table made from Python data in the query plan and ships it with every task that reads it:
        Splink reads its inputs in many stages, and at 100,000 records that took twice the time.
        """

        def _table_registration(self, input: Any, table_name: str) -> None:
            if not isinstance(input, pa.Table):
                super()._table_registration(input, table_name)
                return
            path = f"{self.spark.sparkContext.getCheckpointDir()}/input_{self._cache_uid}_{table_name}"
            if path.startswith("file:"):  # written here, not by tasks that would carry the data
                pq.write_table(input, path.removeprefix("file:"))
            else:
                self.spark.createDataFrame(input).write.parquet(path)
            self.spark.read.parquet(path).createOrReplaceTempView(table_name)

    return StoredInputSparkAPI


def _spark_api() -> DatabaseAPISubClass:
    session = spark_session().newSession()
    return _spark_api_class()(spark_session=session)  # registers the jar's functions in this session


ENGINES: dict[str, Callable[[], DatabaseAPISubClass]] = {
    "duckdb": lambda: DuckDBAPI(duckdb.connect(":memory:", config=DUCKDB_CONFIG)),
    "spark": _spark_api,
}


def engine_api(engine: str = DEFAULT) -> DatabaseAPISubClass:
    """A fresh Splink database API for the named engine."""
    try:
        factory = ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown linkage engine {engine!r}; known: {', '.join(ENGINES)}") from None
    return factory()


def column_names(frame: SplinkDataFrame) -> list[str]:
    """The columns of a Splink table, whatever its engine."""
    return [column.unquote().name for column in frame.columns]


def read_rows(frame: SplinkDataFrame, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """These columns of a Splink table as tuples of Python values, selected by the table's own engine.

    Through Arrow, which DuckDB and Spark 4 both hand over whole, and only the columns asked for (a cluster table
    carries every feature column too).
    """
    if not all(column.isidentifier() for column in columns):
        raise ValueError(f"not column names: {[c for c in columns if not c.isidentifier()]}")
    # Column names only (checked above), from the model's own comparisons: no value is ever written into SQL.
    selected = frame.query_sql(f"select {', '.join(columns)} from {{this}}")  # nosec B608 # identifiers only
    try:
        table = selected.as_pyarrow_table()
    finally:
        selected.drop_table_from_database_and_remove_from_cache()
    return list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))
