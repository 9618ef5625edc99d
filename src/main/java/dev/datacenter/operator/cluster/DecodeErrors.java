package dev.datacenter.operator.cluster;

import com.fasterxml.jackson.databind.JsonMappingException;

/** The message a user reads for an object that does not decode: the field's path, then what is wrong with it. */
final class DecodeErrors {
    private static final int MAX_LENGTH = 512;

    private DecodeErrors() {}

    static String message(Throwable failure) {
        JsonMappingException mapping = find(failure);
        String message;
        if (mapping != null) {
            String path = path(mapping);
            String reason = firstLine(mapping.getOriginalMessage());
            message = path.isEmpty() ? reason : path + ": " + reason;
        } else {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            message = firstLine(root.getMessage() == null ? root.toString() : root.getMessage());
        }
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH - 3) + "..." : message;
    }

    private static JsonMappingException find(Throwable failure) {
        JsonMappingException found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping) {
                found = mapping; // the innermost one names the field
            }
        }
        return found;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
