// PDFBox Preflight (PDF/A-1b) on several files in one JVM (Validator_A1b takes one file per run).
// Run as a single-file program: java -cp JARS tests/tools/Preflight.java FILE.pdf...
// Prints "FILE: valid" or "FILE: CODE : message" per error; exit status 1 if any file failed.
import java.io.File;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.exception.SyntaxValidationException;
import org.apache.pdfbox.preflight.parser.PreflightParser;

public class Preflight {
    public static void main(String[] args) throws Exception {
        boolean failed = false;
        for (String name : args) {
            ValidationResult result;
            PreflightParser parser = new PreflightParser(new File(name));
            try {
                parser.parse();
                try (PreflightDocument document = parser.getPreflightDocument()) {
                    document.validate();
                    result = document.getResult();
                }
            } catch (SyntaxValidationException e) {
                result = e.getResult();
            }
            if (result.isValid()) {
                System.out.println(name + ": valid");
            } else {
                failed = true;
                for (ValidationResult.ValidationError error : result.getErrorsList()) {
                    System.out.println(name + ": " + error.getErrorCode() + " : " + error.getDetails());
                }
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
