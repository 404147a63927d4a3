package org.tracknum.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the server's embedded H2 database directly, once the server has stopped. */
final class H2Rows {
    static final String TABLE = "tracknum_numbers";

    private H2Rows() {
    }

    /** Rows in the default table of the database the server keeps under {@code workDir/data}. */
    static long count(Path workDir) throws SQLException {
        String url = "jdbc:h2:file:" + workDir.resolve("data").resolve("tracknum").toAbsolutePath()
                + ";IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
