"""Accept or reject every tracked change of a .docx in LibreOffice and print its paragraphs.

Run with the system Python that has LibreOffice's `uno` module (Debian: python3-uno):
    python3 tests/tools/lo_resolve.py accept|reject FILE.docx
Starts a private headless LibreOffice, loads the file hidden, runs .uno:AcceptAllTrackedChanges
(or RejectAll…), and prints each body paragraph's text as a JSON list."""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def main():
    action, path = sys.argv[1], os.path.abspath(sys.argv[2])
    profile = tempfile.mkdtemp()
    pipe = f"gongwen{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                                (prop("Hidden", True),))
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        command = ".uno:AcceptAllTrackedChanges" if action == "accept" else \
            ".uno:RejectAllTrackedChanges"
        dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        texts = []
        paragraphs = document.getText().createEnumeration()
        while paragraphs.hasMoreElements():
            element = paragraphs.nextElement()
            if element.supportsService("com.sun.star.text.Paragraph"):
                texts.append(element.getString())
            elif element.supportsService("com.sun.star.text.TextTable"):
                for name in element.getCellNames():
                    texts.append(element.getCellByName(name).getString())
        document.close(True)
        print(json.dumps(texts, ensure_ascii=False))
    finally:
        office.terminate()
        office.wait(timeout=30)


if __name__ == "__main__":
    main()
