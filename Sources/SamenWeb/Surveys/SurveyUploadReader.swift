import Hummingbird
import MultipartKit
import SamenAnalytics
import SamenCore

/// Reads a survey CSV from a request body as it arrives, chunk by chunk into
/// `SurveyCSVStream`, so an upload of a million rows is never held whole: only the parsed
/// columns are. At most `limit` bytes (else 413).
enum SurveyUploadReader {
    /// The API: the body is the CSV.
    static func csv(_ body: RequestBody, limit: Int, template: SurveyCSVTemplate) async throws -> SurveyCSVData {
        var stream = SurveyCSVStream(template: template)
        var received = 0
        for try await chunk in body {
            received += chunk.readableBytes
            guard received <= limit else { throw HTTPError(.contentTooLarge) }
            if !stream.stopped { chunk.withUnsafeReadableBytes { stream.feed($0) } }
        }
        return try stream.finish()
    }

    /// What the import form sent: the wave, and the file (or the pasted text) as read.
    struct Form {
        var wave = ""
        /// The parsed file or pasted text, or its all-or-nothing report; nil when neither came.
        var result: Result<SurveyCSVData, SurveyCSVError>?
        /// The pasted text, to show again when it is refused.
        var pasted = ""
    }

    /// The web form (`multipart/form-data`). Its parts come in the form's order: `_csrf`,
    /// `wave`, then the file and the paste box. The CSRF token is checked here, from the
    /// first part, because the CSRF middleware leaves this body unread so that it can
    /// stream (`CSRFMiddleware.checksWhileStreaming`); a file part that comes before a
    /// valid token or before the wave is refused, and nothing of it is read.
    static func form(_ request: Request, limit: Int, expectedCSRF: String, fileField: String, textField: String,
                     template: @escaping (String) -> SurveyCSVTemplate?) async throws -> Form {
        guard let boundary = CSRFMiddleware.multipartBoundary(request.headers[.contentType] ?? "") else {
            throw SamenError("unsupported_media_type", kind: .badRequest)
        }
        let state = MultipartCSVState(expectedCSRF: expectedCSRF, fileField: fileField, textField: textField, template: template)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in state.header(field, value) }
        parser.onBody = { chunk in state.body(&chunk) }
        parser.onPartComplete = { state.partComplete() }
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= limit else { throw HTTPError(.contentTooLarge) }
            guard !state.refused else { continue }
            do { try parser.execute(chunk) } catch { throw SamenError("unsupported_media_type", kind: .badRequest) }
        }
        guard state.csrfChecked, !state.refused else { throw SamenError("csrf_invalid", kind: .forbidden) }
        return try state.finish()
    }
}

/// The parts of the import form as they stream past (one request, one task).
private final class MultipartCSVState {
    let expectedCSRF: String
    let fileField: String
    let textField: String
    let template: (String) -> SurveyCSVTemplate?
    var name = ""
    var filename = ""
    var small: [UInt8] = []
    var csrfChecked = false
    var refused = false
    var form = SurveyUploadReader.Form()
    var stream: SurveyCSVStream?
    var fileChosen = false

    /// A text field (the token, the wave, the pasted CSV) is kept up to the form limit.
    static let textLimit = 1_048_576

    init(expectedCSRF: String, fileField: String, textField: String, template: @escaping (String) -> SurveyCSVTemplate?) {
        self.expectedCSRF = expectedCSRF
        self.fileField = fileField
        self.textField = textField
        self.template = template
    }

    func header(_ field: String, _ value: String) {
        guard field.lowercased() == "content-disposition" else { return }
        name = MultipartForm.attribute("name", in: value)
        filename = MultipartForm.attribute("filename", in: value)
        guard name == fileField, !filename.isEmpty else { return }
        // A file before a valid token or before the wave is not read at all.
        guard csrfChecked, let template = template(form.wave) else {
            refused = !csrfChecked
            return
        }
        fileChosen = true
        stream = SurveyCSVStream(template: template)
    }

    func body(_ chunk: inout ByteBuffer) {
        if stream != nil {
            chunk.withUnsafeReadableBytes { stream!.feed($0) }
        } else if name != fileField, small.count + chunk.readableBytes <= Self.textLimit {
            small += chunk.readableBytesView
        }
    }

    func partComplete() {
        let text = String(decoding: small, as: UTF8.self)
        switch name {
        case "_csrf":
            csrfChecked = !expectedCSRF.isEmpty && Secrets.constantTimeEquals(text, expectedCSRF)
            refused = !csrfChecked
        case "wave": form.wave = text
        case textField: form.pasted = text
        default: break
        }
        if var finished = stream {
            stream = nil
            do { form.result = .success(try finished.finish()) } catch { form.result = .failure(error) }
        }
        small = []
        name = ""
        filename = ""
    }

    func finish() throws -> SurveyUploadReader.Form {
        if form.result == nil, !fileChosen, !form.pasted.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
           let template = template(form.wave) {
            do { form.result = .success(try SurveyCSVReader.read(text: form.pasted, template: template)) }
            catch { form.result = .failure(error) }
        }
        return form
    }
}
