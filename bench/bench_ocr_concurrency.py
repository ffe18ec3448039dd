"""OCR worker concurrency: N single-page 300 dpi scans through intake + OCR (in-process workers
on real tansu + SeaweedFS), with ocr_concurrency=1 and =2, the same pool of 2 processes.

    .venv/bin/python bench/bench_ocr_concurrency.py
"""
import asyncio, time, tempfile, secrets, sys
from pathlib import Path
from pydantic import SecretStr
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from himflow import db
from himflow.embedded.seaweed import SeaweedFS
from himflow.embedded.tansu import Tansu
from himflow.objectstore import ObjectStore
from himflow.settings import Settings
from himflow.upload import upload_files
from schemas import topics
from tests.integration.test_pipeline_real_broker import workers
from tests.resources.pages import images_to_pdf, lines_of, render_page

async def run(conc, pdfs, sw, tz, d):
    s = Settings(data_dir=d, database_url=f"sqlite:///{d}/db{conc}.sqlite")
    s.store.endpoint, s.store.access_key, s.store.secret_key = sw.endpoint, "bench", SecretStr(sw.secret_key)
    tag = secrets.token_hex(3)
    s.store.intake_bucket, s.store.dictation_bucket, s.store.derived_bucket = f"i-{tag}", f"d-{tag}", f"x-{tag}"
    ObjectStore(s.store).ensure_buckets()
    s.broker.bootstrap_servers = tz.bootstrap; s.broker.session_timeout_ms = 2000; s.broker.fetch_max_wait_ms = 20
    s.ocr_processes = 2; s.ocr_concurrency = conc
    db.migrate(db.make_engine(s.db_url))
    e = db.make_engine(s.db_url)
    async with workers(s, roles=("intake", "ocr")):
        await asyncio.sleep(2)
        t0 = time.monotonic()
        ups = await asyncio.to_thread(upload_files, s, pdfs)
        while True:
            st = [db.status_of(e, u.doc_id) for u in ups]
            if all(x == "extracted" for x in st): break
            await asyncio.sleep(0.1)
        return time.monotonic() - t0

async def main():
    d = Path(tempfile.mkdtemp())
    pdfs = [images_to_pdf([render_page(lines_of(i, lines=25), dpi=300, font_pt=11)], d / f"p{i}.pdf", dpi=300) for i in range(6)]
    sw = SeaweedFS(d / "s3", access_key="bench", secret_key=secrets.token_hex(12), log_path=d / "w.log"); sw.start()
    for conc in (1, 2):
        tz = Tansu(storage="memory://tansu/", log_path=d / f"t{conc}.log"); tz.start(); tz.create_topics(topics.ALL_TOPICS, partitions=3)
        t = await run(conc, pdfs, sw, tz, d)
        print(f"ocr_concurrency={conc}: 6 single-page scans in {t:.1f}s = {6/t:.2f} pages/s", flush=True)
        tz.stop()
    sw.stop()
if __name__ == "__main__":
    asyncio.run(main())
